package dev.lacy.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of {@code lacy spark}: the given master (a cluster's through spark-submit), no web UI in local mode. */
public final class SparkJobs {

    private SparkJobs() {
    }

    /**
     * A session on {@code master} ({@code local[*]}, {@code local[2,3]}, ...; null for the one spark-submit configured).
     */
    public static SparkSession session(String master, String name) {
        var builder = SparkSession.builder().appName(name);
        if (master != null) {
            builder = builder.master(master);
            if (master.startsWith("local")) {
                builder = builder.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
            }
        }
        return builder.getOrCreate();
    }
}
