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

    /** CreateStream, SplitShard or UpdateShardCount would pass the region's open-shard limit. */
    public static LimitExceededException shardLimitExceeded(
            String account, String region, long current, int limit, int additional) {
        return new LimitExceededException("This request would exceed the shard limit for the account " + account
                + " in " + region + ". Current shard count for the account: " + current + ". Limit: " + limit
                + ". Number of additional shards that would have resulted from this request: " + additional
                + ". Refer to the AWS Service Limits page "
                + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and "
                + "how to request higher limits.");
    }
}
