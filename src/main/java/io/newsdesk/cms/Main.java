package io.newsdesk.cms;

import java.util.Arrays;

import jakarta.inject.Inject;

import io.newsdesk.cms.wordpress.ImportCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The service; or, with {@code import-wordpress FILE}, a WordPress import from the command line that exits when done. */
@QuarkusMain
public class Main implements QuarkusApplication {

    /** The system property that turns the HTTP layer's URI check off (read when its server starts). */
    static final String URI_CHECK_OFF = "vertx.disableURIValidation";

    @Inject
    ImportCommand importCommand;

    public static void main(String... args) {
        // The HTTP layer's own URI check answers a broken URL with an empty 400; EdgeProblems makes the same check
        // first and answers with a problem. Tests set the same in the build.
        System.setProperty(URI_CHECK_OFF, System.getProperty(URI_CHECK_OFF, "true"));
        if (args.length > 0 && args[0].equals("import-wordpress")) {
            // A command beside a running service: it must not take the service's ports (the API's and the management
            // interface's), and its standard output is the report alone (the log goes to standard error).
            System.setProperty("quarkus.http.port", System.getProperty("quarkus.http.port", "0"));
            System.setProperty("quarkus.management.port", System.getProperty("quarkus.management.port", "0"));
            System.setProperty("quarkus.log.console.stderr", "true");
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals("import-wordpress")) {
            return importCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
        }
        Quarkus.waitForExit();
        return 0;
    }
}
