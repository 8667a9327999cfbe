package dev.runnel.settings;

import java.util.List;

/**
 * The names of AWS's regions in all its partitions (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e,
 * aws-iso-f, aws-eusc), as botocore 1.43.11's {@code partitions.json} lists them, without the {@code *-global}
 * pseudo-regions: the regions Runnel serves unless {@code runnel.regions} names others. Kinesis runs in nearly all
 * of them; a new AWS region is added here, or by a user in {@code runnel.regions}.
 */
public final class AwsRegionNames {

    /** What a region name may be: lower-case words of letters and digits joined by hyphens, at most 32 characters. */
    public static final String NAME = "(?=.{1,32}$)[a-z0-9]+(-[a-z0-9]+)*";

    public static final List<String> ALL = List.of(
            // aws
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            // aws-cn
            "cn-north-1",
            "cn-northwest-1",
            // aws-us-gov
            "us-gov-east-1",
            "us-gov-west-1",
            // aws-iso, aws-iso-b, aws-iso-e, aws-iso-f
            "us-iso-east-1",
            "us-iso-west-1",
            "us-isob-east-1",
            "us-isob-west-1",
            "eu-isoe-west-1",
            "us-isof-east-1",
            "us-isof-south-1",
            // aws-eusc
            "eusc-de-east-1");

    private AwsRegionNames() {}
}
