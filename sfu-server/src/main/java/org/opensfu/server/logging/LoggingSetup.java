package org.opensfu.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.opensfu.server.config.ServerConfig;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code sfu.logging} once the configuration is read: JSON lines instead of text ({@code logback-json.xml}),
 * and the level of the server's own loggers ({@code org.opensfu}).
 */
public final class LoggingSetup {
    private static final String JSON_CONFIG = "/logback-json.xml";

    private LoggingSetup() {
    }

    public static void apply(ServerConfig.Logging logging) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own configuration rules
        }
        if (logging.json()) {
            URL json = LoggingSetup.class.getResource(JSON_CONFIG);
            if (json != null) {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                try {
                    configurator.doConfigure(json);
                } catch (JoranException e) {
                    System.err.println("opensfu: cannot configure JSON logging: " + e.getMessage());
                }
            }
        }
        context.getLogger("org.opensfu").setLevel(Level.toLevel(logging.level(), Level.INFO));
    }
}
