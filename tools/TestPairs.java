import dev.lacy.core.data.Demonstration;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.examples.wiring.Adapters;
import dev.lacy.sim.tabletop.TabletopEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the L2C pairs `lacy eval` scores a dataset's test scenes with (two a scene: the consistent one, then the
 * inconsistent one; the pairs of `--seed`, default 7), one JSON line each, in the form of a `consistency` training
 * sample (`first`, `second`, `consistent`, `scene`) plus the test scene's `index`, so that tools/l2c_ceiling.py reads
 * them. Run against the built jar: java -cp "lacy-examples/target/lacy.jar:lacy-examples/target/lib/*"
 * tools/TestPairs.java DATA [SEED] > pairs.jsonl
 */
public class TestPairs {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TestPairs DATA [SEED]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : 7;
        List<Demonstration> test = Adapters.store(Path.of(args[0])).read("test", Demonstration.class);
        var pairs = TabletopEvaluation.evaluator(seed).l2cPairs(test);
        for (int i = 0; i < test.size(); i++) {
            Scene scene = test.get(i).observation().requireGroundTruth("test scene " + i + " of " + args[0]);
            var objects = new StringBuilder();
            for (SceneObject o : scene.objects()) {
                objects.append(objects.isEmpty() ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"name\":%s,\"x\":%.6f,\"y\":%.6f,\"radius\":%.6f}", quoted(o.name()), o.center().x(), o.center().y(),
                        o.radius()));
            }
            String first = quoted(test.get(i).instruction());
            for (boolean consistent : new boolean[] {true, false}) {
                String second = quoted(consistent ? pairs.get(i).consistent() : pairs.get(i).inconsistent());
                System.out.printf("{\"kind\":\"consistency\",\"index\":%d,\"first\":%s,\"second\":%s,\"consistent\":%b,"
                        + "\"scene\":{\"objects\":[%s]}}%n", i, first, second, consistent, objects);
            }
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
