package dev.lacy.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (with the job's {@code spark.hadoop.*} settings: credentials, endpoints) carried to
 * the tasks, which open the same file systems with it.
 */
record HadoopConf(Map<String, String> entries) implements Serializable {

    static HadoopConf of(Configuration conf) {
        var entries = new HashMap<String, String>();
        conf.forEach(e -> entries.put(e.getKey(), e.getValue()));
        return new HadoopConf(Map.copyOf(entries));
    }

    HadoopFiles files() {
        var conf = new Configuration(false);
        entries.forEach(conf::set);
        return new HadoopFiles(conf);
    }
}
