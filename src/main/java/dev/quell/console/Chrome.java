package dev.quell.console;

/**
 * What every console page's frame shows: the signed-in user (null on the sign-in page), the CSRF token its forms
 * carry, a notice about the last action (or null), and which section the navigation marks as current.
 */
public record Chrome(String username, String csrfToken, Notice notice, String activeSection) {

    public static Chrome signedOut(Notice notice) {
        return new Chrome(null, "", notice, "");
    }

    public boolean signedIn() {
        return username != null;
    }

    /** The navigation link's class: {@code current} for the section shown. */
    public String navClass(String section) {
        return section.equals(activeSection) ? "current" : "";
    }
}
