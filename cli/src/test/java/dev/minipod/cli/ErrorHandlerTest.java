package dev.minipod.cli;

import dev.minipod.runtime.MinipodException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlerTest {
    private static ApiException fromBody(int code, String json) {
        return ApiException.from(code, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notFoundStatus() {
        ApiException e = fromBody(404, "{'kind':'Status','apiVersion':'v1','status':'Failure','message':'pods \\'x\\' not found',"
                + "'reason':'NotFound','details':{'name':'x','kind':'pods'},'code':404}");
        assertThat(ErrorHandler.describe(e))
                .isEqualTo(new ErrorHandler.Outcome("Error from server (NotFound): pods \"x\" not found\n", 3));
    }

    @Test
    void alreadyExistsAndConflictExit3() {
        ApiException e = fromBody(409, "{'kind':'Status','message':'pods \\'demo\\' already exists','reason':'AlreadyExists','code':409}");
        assertThat(ErrorHandler.describe(e.withContext("error when creating \"pod.yaml\": "))).isEqualTo(new ErrorHandler.Outcome(
                "Error from server (AlreadyExists): error when creating \"pod.yaml\": pods \"demo\" already exists\n", 3));
        ApiException c = fromBody(409, "{'kind':'Status','message':'Operation cannot be fulfilled','reason':'Conflict','code':409}");
        assertThat(ErrorHandler.describe(c).exitCode()).isEqualTo(3);
    }

    @Test
    void invalidWithOneCauseIsInline() {
        ApiException e = fromBody(422, "{'kind':'Status','status':'Failure','message':'Pod \\'demo\\' is invalid: spec.containers[0].image: Required value',"
                + "'reason':'Invalid','details':{'name':'demo','kind':'Pod','causes':[{'reason':'FieldValueRequired',"
                + "'message':'Required value','field':'spec.containers[0].image'}]},'code':422}");
        assertThat(ErrorHandler.describe(e)).isEqualTo(new ErrorHandler.Outcome(
                "The Pod \"demo\" is invalid: spec.containers[0].image: Required value\n", 2));
    }

    @Test
    void invalidWithSeveralCausesIsABulletList() {
        ApiException e = fromBody(422, "{'kind':'Status','message':'Pod \\'demo\\' is invalid: [...]','reason':'Invalid',"
                + "'details':{'name':'demo','kind':'Pod','causes':["
                + "{'reason':'FieldValueRequired','message':'Required value','field':'spec.containers[0].image'},"
                + "{'reason':'FieldValueNotSupported','message':'Unsupported value: \\'Sometimes\\': supported values: \\'Always\\', \\'OnFailure\\', \\'Never\\'','field':'spec.restartPolicy'}]},'code':422}");
        assertThat(ErrorHandler.describe(e)).isEqualTo(new ErrorHandler.Outcome(
                "The Pod \"demo\" is invalid: \n"
                        + "* spec.containers[0].image: Required value\n"
                        + "* spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"\n", 2));
    }

    @Test
    void badRequestExit2() {
        ApiException e = fromBody(400, "{'kind':'Status','message':'Pod in version \\'v1\\' cannot be handled as a Pod: strict decoding error: "
                + "unknown field \\'spec.containers[0].imagePullPolize\\'','reason':'BadRequest','code':400}");
        assertThat(ErrorHandler.describe(e)).isEqualTo(new ErrorHandler.Outcome("Error from server (BadRequest): Pod in version \"v1\" "
                + "cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagePullPolize\"\n", 2));
    }

    @Test
    void nonStatusBodiesFallBackToTheHttpCode() {
        assertThat(ErrorHandler.describe(ApiException.from(404, new byte[0]))).isEqualTo(new ErrorHandler.Outcome(
                "Error from server (NotFound): the server could not find the requested resource\n", 3));
        assertThat(ErrorHandler.describe(ApiException.from(500, "boom".getBytes(StandardCharsets.UTF_8)))).isEqualTo(
                new ErrorHandler.Outcome("Error from server (InternalError): boom\n", 1));
        assertThat(ErrorHandler.describe(new ApiException(418, "", "teapot", "", "", List.of(), ""))).isEqualTo(
                new ErrorHandler.Outcome("Error from server: teapot\n", 1));
    }

    @Test
    void cliExceptionsKeepTheirTextAndCode() {
        assertThat(ErrorHandler.describe(new CliException(3, "error: the path \"x.yaml\" does not exist")))
                .isEqualTo(new ErrorHandler.Outcome("error: the path \"x.yaml\" does not exist\n", 3));
        assertThat(ErrorHandler.describe(CliException.usage("bad"))).isEqualTo(new ErrorHandler.Outcome("error: bad\n", 2));
    }

    @Test
    void daemonUnavailableNamesTheSocketAndExits1() {
        DaemonUnavailableException e = new DaemonUnavailableException(Path.of("/run/minipod/minipod.sock"),
                new ConnectException("Connection refused"));
        ErrorHandler.Outcome o = ErrorHandler.describe(e);
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.message()).startsWith("error: cannot connect to the minipod daemon at /run/minipod/minipod.sock: Connection refused")
                .contains("minipod daemon");
    }

    @Test
    void usageErrorsExit2WithAPointerToHelp() {
        ErrorHandler.Outcome o = ErrorHandler.describe(new UsageException("minipod get", "unknown flag: --bogus"));
        assertThat(o).isEqualTo(new ErrorHandler.Outcome("error: unknown flag: --bogus\nSee 'minipod get --help' for usage.\n", 2));
    }

    @Test
    void runtimeExceptionsAndIoErrors() {
        assertThat(ErrorHandler.describe(MinipodException.notFound("image `busybox:latest` not found")))
                .isEqualTo(new ErrorHandler.Outcome("error: image `busybox:latest` not found\n", 3));
        assertThat(ErrorHandler.describe(new IOException("broken pipe"))).isEqualTo(new ErrorHandler.Outcome("error: broken pipe\n", 1));
    }
}
