package dev.lacy.spark;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What a model job (Algorithm 1, evaluation) settles on the driver before its tasks run: the file systems, its
 * locations made absolute, its table checked free, the items read from the input's manifest and cut into slices of at
 * most {@code perTask}.
 */
record ModelJobStart(HadoopConf conf, HadoopFiles files, String data, String model, String table, List<ManifestLine> lines,
                     int partitions, JavaSparkContext sc) {

    static ModelJobStart of(SparkSession spark, String data, String dataset, String model, String table, long limit,
                            int perTask) {
        HadoopConf conf = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
        HadoopFiles files = conf.files();
        String tableAt = HadoopFiles.qualify(table);
        if (files.exists(new Path(tableAt))) {
            throw new IllegalArgumentException("the table " + tableAt + " exists: name another (--table) or remove it");
        }
        String root = HadoopFiles.qualify(data);
        List<ManifestLine> lines = ManifestLine.read(files, root, dataset, limit);
        int partitions = Math.max(1, (lines.size() + perTask - 1) / perTask);
        return new ModelJobStart(conf, files, root, HadoopFiles.qualify(model), tableAt, lines, partitions,
                JavaSparkContext.fromSparkContext(spark.sparkContext()));
    }
}
