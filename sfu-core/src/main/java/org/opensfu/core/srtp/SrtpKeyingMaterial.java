package org.opensfu.core.srtp;

import java.util.Arrays;

/**
 * The master keys and salts of one DTLS-SRTP association, split by direction.
 *
 * <p>The exporter output is laid out {@code client_key | server_key | client_salt | server_salt} (RFC 5764 §4.2);
 * each side encrypts with its own half and decrypts with the peer's.
 */
public final class SrtpKeyingMaterial {
    private final SrtpProfile profile;
    private final byte[] localKey;
    private final byte[] localSalt;
    private final byte[] remoteKey;
    private final byte[] remoteSalt;

    private SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
                               byte[] remoteSalt) {
        this.profile = profile;
        this.localKey = localKey;
        this.localSalt = localSalt;
        this.remoteKey = remoteKey;
        this.remoteSalt = remoteSalt;
    }

    /**
     * Splits exported keying material.
     *
     * @param exported       exactly {@link SrtpProfile#keyingMaterialLength()} bytes
     * @param localIsDtlsClient whether this endpoint was the DTLS client
     */
    public static SrtpKeyingMaterial fromExporter(SrtpProfile profile, byte[] exported, boolean localIsDtlsClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (exported.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("expected " + profile.keyingMaterialLength() + " bytes of keying "
                    + "material, got " + exported.length);
        }
        byte[] clientKey = Arrays.copyOfRange(exported, 0, k);
        byte[] serverKey = Arrays.copyOfRange(exported, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(exported, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s);
        return localIsDtlsClient
                ? new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    public SrtpProfile profile() {
        return profile;
    }

    byte[] localKey() {
        return localKey;
    }

    byte[] localSalt() {
        return localSalt;
    }

    byte[] remoteKey() {
        return remoteKey;
    }

    byte[] remoteSalt() {
        return remoteSalt;
    }

    /** Overwrites the key bytes held here (the SRTP contexts keep their own derived keys). */
    public void wipe() {
        Arrays.fill(localKey, (byte) 0);
        Arrays.fill(localSalt, (byte) 0);
        Arrays.fill(remoteKey, (byte) 0);
        Arrays.fill(remoteSalt, (byte) 0);
    }
}
