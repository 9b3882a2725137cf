package io.cell0.coordinator.api;

/** The API speaks snake_case; Java speaks camelCase. Used where error messages name a field. */
final class JsonNames {
    private JsonNames() {
    }

    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
