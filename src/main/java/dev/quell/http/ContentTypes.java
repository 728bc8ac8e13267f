package dev.quell.http;

import java.util.Locale;

/** Only JSON bodies are accepted; parameters such as {@code charset} may follow the media type. */
public final class ContentTypes {
    private ContentTypes() {
    }

    public static boolean isJson(String header) {
        if (header == null) {
            return false;
        }
        int semicolon = header.indexOf(';');
        String mediaType = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
