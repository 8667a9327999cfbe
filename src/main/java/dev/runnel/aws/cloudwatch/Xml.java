package dev.runnel.aws.cloudwatch;

/** Text for XML 1.0 character data: markup characters escaped, characters XML cannot hold replaced by U+FFFD. */
final class Xml {

    private Xml() {}

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
                    escaped.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return escaped.toString();
    }
}
