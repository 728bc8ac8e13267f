package dev.quell.config;

import java.nio.file.Path;

/**
 * How a Quell server runs. Each setting comes from a flag, else its environment variable, else its default
 * (see {@code ./quell serve --help}).
 *
 * @param appKey           the Open API key; null to use (or create) the one kept in the data directory
 * @param publicUrl        how clients reach this server, used in push URLs; null for {@code http://bind:port}
 * @param syncEveryCommit  fsync each commit (survives power loss), not only a killed process
 * @param transport        the HTTP server's socket I/O
 */
public record Settings(String bind, int port, Path dataDir, String appKey, String publicUrl,
                       int ratePerSecond, int ratePerMinute, int queueCapacity, int maxBatch,
                       boolean syncEveryCommit, NetworkTransport transport) {

    public String effectivePublicUrl(int boundPort) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
    }
}
