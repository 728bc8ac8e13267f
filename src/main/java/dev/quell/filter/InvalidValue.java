package dev.quell.filter;

/** Why one condition is invalid; {@link Filter#compile} adds its location and reports it as {@link InvalidFilter}. */
final class InvalidValue extends Exception {
    InvalidValue(String reason) {
        super(reason);
    }
}
