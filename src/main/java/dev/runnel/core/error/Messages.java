package dev.runnel.core.error;

/**
 * AWS's wording for the errors raised in more than one place, so each text lives once. Account ids appear
 * as the bare twelve digits, shard ids in their canonical twelve-digit form.
 */
public final class Messages {

    private Messages() {}

    public static ResourceNotFoundException streamNotFound(String stream, String account) {
        return new ResourceNotFoundException("Stream " + stream + " under account " + account + " not found.");
    }

    public static ResourceInUseException streamExists(String stream, String account) {
        return new ResourceInUseException("Stream " + stream + " under account " + account + " already exists.");
    }

    public static ResourceInUseException streamNotActive(String stream, String account, String status) {
        return new ResourceInUseException(
                "Stream " + stream + " under account " + account + " not ACTIVE, instead in state " + status);
    }

    public static ResourceNotFoundException shardNotFound(String shardId, String stream, String account) {
        return new ResourceNotFoundException(
                "Shard " + shardId + " in stream " + stream + " under account " + account + " does not exist");
    }

    public static InvalidArgumentException invalidIterator() {
        return new InvalidArgumentException("Invalid ShardIterator.");
    }
}
