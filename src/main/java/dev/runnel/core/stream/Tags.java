package dev.runnel.core.stream;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The tagging rules of Kinesis: at most 50 tags a stream, keys of 1–128 and values of 0–256 characters made of
 * Unicode letters ({@code \\p{L}}), digits ({@code \\p{N}}), white space ({@code \\p{Z}}: spaces, not tabs or line
 * breaks) and {@code _ . / = + - % @ :}; keys starting {@code aws:} are reserved. The same characters are checked in
 * the keys a request removes. A stream's tags, added or removed, must not hold {@code %} either, whatever the first
 * message says: AWS answers so (kinesalite's suite, recorded against AWS). Stateless.
 */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}\\p{Z}_./=+\\-%@:]*");
    private static final String ILLEGAL_IN_STREAM_TAGS = " because some tags contained illegal characters. The allowed "
            + "characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@',':'.";

    private Tags() {}

    /**
     * Validates tags given in a request and returns them as an unmodifiable map sorted by key.
     *
     * @param path the member name for ValidationException messages, e.g. {@code tags}
     */
    public static Map<String, String> validated(String path, Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        Constraints check = Constraints.check();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            check.length(path + "." + key + ".member.key", key, 1, 128);
            check.length(path + "." + key + ".member.value", value, 0, 256);
        }
        check.throwIfInvalid();
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String value = tag.getValue() == null ? "" : tag.getValue();
            checkCharacters(tag.getKey());
            checkCharacters(value);
            if (tag.getKey().startsWith("aws:")) {
                throw new InvalidArgumentException("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            sorted.put(tag.getKey(), value);
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** Checks the characters of tag keys a request removes. */
    public static void checkKeys(Collection<String> keys) {
        keys.forEach(Tags::checkCharacters);
    }

    /**
     * Checks tags added to or keys removed from a stream for {@code %}, which AWS refuses there.
     *
     * @param added whether the tags are added (AddTagsToStream) or removed (RemoveTagsFromStream)
     * @param texts the keys, and for added tags their values
     */
    public static void checkStreamTags(boolean added, String stream, String account, Collection<String> texts) {
        if (texts.stream().anyMatch(text -> text.indexOf('%') >= 0)) {
            throw new InvalidArgumentException(
                    (added ? "Failed to add tags to stream " : "Failed to remove tags from " + "stream ") + stream
                            + " under account " + account + ILLEGAL_IN_STREAM_TAGS);
        }
    }

    private static void checkCharacters(String text) {
        if (!ALLOWED.matcher(text).matches()) {
            throw new InvalidArgumentException("Some tags contain invalid characters. Valid characters: "
                    + "Unicode letters, digits, white space, _ . / = + - % @ :.");
        }
    }

    /** Checks that a stream would not hold more than {@link #MAX_TAGS} tags. */
    public static void checkCount(String stream, String account, int count) {
        if (count > MAX_TAGS) {
            throw new InvalidArgumentException("Failed to add tags to stream " + stream + " under account " + account
                    + " because a given stream cannot have more than " + MAX_TAGS + " tags associated with it.");
        }
    }
}
