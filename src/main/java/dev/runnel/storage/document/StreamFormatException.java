package dev.runnel.storage.document;

/**
 * A stream document that cannot be read back: not JSON, a format this Runnel does not know, or a field that is
 * missing, of the wrong type or breaks a rule of the stream. The message names the field by its path in the
 * document ({@code shards[2].openedAt}) and what is wrong with it.
 */
public final class StreamFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public StreamFormatException(String message) {
        super(message);
    }
}
