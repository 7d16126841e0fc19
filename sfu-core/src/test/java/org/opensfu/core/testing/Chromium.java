package org.opensfu.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launches Debian's Chromium, headless, with a fake camera and microphone, for end-to-end tests.
 *
 * <p>Browser tests run only where they cannot send anything beyond loopback: in a network namespace whose only
 * interface is {@code lo} (the project's test script creates one), where Chromium's only ICE candidate is 127.0.0.1.
 * Elsewhere they are skipped, except under CI, where that is a failure.
 */
public final class Chromium {
    public static final Path EXECUTABLE = Path.of(System.getProperty("sfu.chromium", "/usr/bin/chromium"));

    /** Playwright 1.62's own --disable-features list, which we must replace to add ours (it is one switch). */
    private static final String PLAYWRIGHT_DISABLED_FEATURES = "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,"
            + "BoundaryEventDispatchTracksNodeRemoval,DestroyProfileOnBrowserClose,DialMediaRouteProvider,"
            + "GlobalMediaControls,HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
            + "BlockOriginHeaderModificationOnRedirect,Translate,AutoDeElevate,OptimizationHints,msForceBrowserSignIn,"
            + "msEdgeUpdateLaunchServicesPreferredVersion";

    private Chromium() {
    }

    /** Skips the calling test unless Chromium exists and the network is loopback-only (fails under CI instead). */
    public static void assumeUsable() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String problem = null;
        if (!Files.isExecutable(EXECUTABLE)) {
            problem = "no Chromium at " + EXECUTABLE + " (apt-get install chromium)";
        } else if (!loopbackOnly() && !"force".equals(System.getProperty("sfu.browserTests"))) {
            problem = "browser tests need a loopback-only network namespace (run scripts/test.sh as root), "
                    + "or -Dsfu.browserTests=force";
        }
        if (problem != null) {
            if (ci) {
                fail(problem);
            }
            assumeTrue(false, problem);
        }
    }

    /** True when every network interface of this process's namespace is a loopback interface. */
    public static boolean loopbackOnly() {
        try {
            return NetworkInterface.networkInterfaces().allMatch(i -> {
                try {
                    return i.isLoopback() || !i.isUp();
                } catch (SocketException e) {
                    return false;
                }
            });
        } catch (SocketException e) {
            return false;
        }
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Launches a headless browser; {@code extraArgs} may add e.g. fake capture files. */
    public static Browser launch(Playwright playwright, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection",
                PLAYWRIGHT_DISABLED_FEATURES + ",WebRtcHideLocalIpsWithMdns"));
        args.addAll(extraArgs);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setIgnoreDefaultArgs(List.of(PLAYWRIGHT_DISABLED_FEATURES))
                .setArgs(args));
    }
}
