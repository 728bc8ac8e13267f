package dev.quell.engine;

/** How an incident's alerts came together: {@code n} none, {@code p} rule-based, {@code i} intelligent. */
public enum GroupMethod {
    n, p, i
}
