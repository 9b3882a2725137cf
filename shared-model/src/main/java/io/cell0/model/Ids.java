package io.cell0.model;

import java.util.regex.Pattern;

/** Rules for the identifiers used as keys in the replicated state. */
public final class Ids {
    /** Letters, digits, dot, dash, underscore and colon; 1 to 128 characters; not starting with a dot. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_:\\-][A-Za-z0-9_.:\\-]{0,127}");
    /** Config keys may also contain slashes, as in {@code scheduler/weights/zone}. */
    private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.:/\\-]{0,255}");

    private Ids() {
    }

    public static boolean isValidId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    public static boolean isValidConfigKey(String s) {
        return s != null && CONFIG_KEY.matcher(s).matches();
    }

    public static String requireId(String what, String s) {
        if (!isValidId(s)) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of letters, digits, '.', '-', '_' or ':', got "
                    + (s == null ? "nothing" : "'" + s + "'"));
        }
        return s;
    }
}
