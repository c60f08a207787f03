package dev.lacy.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session in local mode for every test of the module (Spark allows one context per JVM): two task threads,
 * and a task retried up to three times ({@code local[2,3]}), so that the tests can fail chosen attempts.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            // (a command-line test stops the session its command used)
            session = SparkJobs.session("local[2,3]", "lacy-spark-tests");
            SparkSession made = session;
            Runtime.getRuntime().addShutdownHook(new Thread(made::stop));
        }
        return session;
    }
}
