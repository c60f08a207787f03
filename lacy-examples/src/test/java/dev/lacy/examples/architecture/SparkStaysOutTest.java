package dev.lacy.examples.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * An application that embeds the library, or runs the command line, does not pull Apache Spark: only lacy-spark
 * depends on it, and nothing depends on lacy-spark. This module sees every other one, so Spark is absent here.
 */
class SparkStaysOutTest {

    @Test
    void sparkAndHadoopAreNotOnTheClassPathOfTheOtherModules() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.fs.FileSystem")).isInstanceOf(ClassNotFoundException.class);
    }
}
