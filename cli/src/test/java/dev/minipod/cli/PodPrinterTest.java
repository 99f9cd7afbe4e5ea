package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodPrinterTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String CREATED = "'creationTimestamp':'2026-03-01T11:55:00Z'";

    /** JSON with single quotes for readability. */
    static JsonNode pod(String json) {
        try {
            return Json.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String ONE_CONTAINER = "'spec':{'containers':[{'name':'app'}]}";
    static final String TWO_INITS = "'spec':{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'app'}]}";

    private static List<String> row(JsonNode p) { return PodPrinter.row(p, NOW, false); }

    @Test
    void runningReadyPod() {
        JsonNode p = pod("{'metadata':{'name':'demo'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Running',"
                + "'conditions':[{'type':'Ready','status':'True'}],"
                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':{'running':{'startedAt':'2026-03-01T11:55:01Z'}}}]}}");
        assertThat(row(p)).containsExactly("demo", "1/1", "Running", "0", "5m");
    }

    @Test
    void creatingPodWithoutStatusesShowsThePhaseOrTheWaitingReason() {
        assertThat(row(pod("{'metadata':{'name':'a'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Pending'}}")))
                .containsExactly("a", "0/1", "Pending", "0", "5m");
        JsonNode creating = pod("{'metadata':{'name':'a'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Pending',"
                + "'containerStatuses':[{'name':'app','ready':false,'restartCount':0,'state':{'waiting':{'reason':'ContainerCreating'}}}]}}");
        assertThat(PodPrinter.status(creating)).isEqualTo("ContainerCreating");
    }

    @Test
    void initContainerProgressAndFailures() {
        String base = "{'metadata':{'name':'a'," + CREATED + "}," + TWO_INITS + ",'status':{'phase':'Pending','initContainerStatuses':[";
        String appWaiting = "'containerStatuses':[{'name':'app','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}]}}";
        assertThat(PodPrinter.status(pod(base
                + "{'name':'i1','restartCount':0,'state':{'running':{}}},{'name':'i2','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}],"
                + appWaiting))).isEqualTo("Init:0/2");
        assertThat(PodPrinter.status(pod(base
                + "{'name':'i1','restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},{'name':'i2','restartCount':0,'state':{'running':{}}}],"
                + appWaiting))).isEqualTo("Init:1/2");
        JsonNode crashing = pod(base
                + "{'name':'i1','restartCount':3,'lastState':{'terminated':{'exitCode':1,'finishedAt':'2026-03-01T11:59:00Z'}},"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}}},{'name':'i2','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}],"
                + appWaiting);
        assertThat(row(crashing)).containsExactly("a", "0/1", "Init:CrashLoopBackOff", "3 (60s ago)", "5m");
        assertThat(PodPrinter.status(pod(base
                + "{'name':'i1','restartCount':0,'state':{'terminated':{'exitCode':1,'reason':'Error'}}}]," + appWaiting)))
                .isEqualTo("Init:Error");
        assertThat(PodPrinter.status(pod(base
                + "{'name':'i1','restartCount':0,'state':{'terminated':{'exitCode':3}}}]," + appWaiting)))
                .isEqualTo("Init:ExitCode:3");
        assertThat(PodPrinter.status(pod(base
                + "{'name':'i1','restartCount':0,'state':{'terminated':{'exitCode':137,'signal':9}}}]," + appWaiting)))
                .isEqualTo("Init:Signal:9");
    }

    @Test
    void appContainersWaitingForInitializationShowPodInitializing() {
        JsonNode p = pod("{'metadata':{'name':'a'," + CREATED + "}," + TWO_INITS + ",'status':{'phase':'Pending',"
                + "'conditions':[{'type':'Initialized','status':'True'}],'initContainerStatuses':["
                + "{'name':'i1','restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                + "{'name':'i2','restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}],"
                + "'containerStatuses':[{'name':'app','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}]}}");
        assertThat(PodPrinter.status(p)).isEqualTo("PodInitializing");
    }

    @Test
    void terminatedAppContainers() {
        String base = "{'metadata':{'name':'a'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'%s','containerStatuses':"
                + "[{'name':'app','restartCount':0,'state':{'terminated':%s}}]}}";
        assertThat(PodPrinter.status(pod(String.format(base, "Succeeded", "{'exitCode':0,'reason':'Completed'}")))).isEqualTo("Completed");
        assertThat(PodPrinter.status(pod(String.format(base, "Failed", "{'exitCode':1,'reason':'Error'}")))).isEqualTo("Error");
        assertThat(PodPrinter.status(pod(String.format(base, "Failed", "{'exitCode':137,'reason':'OOMKilled'}")))).isEqualTo("OOMKilled");
        assertThat(PodPrinter.status(pod(String.format(base, "Failed", "{'exitCode':2}")))).isEqualTo("ExitCode:2");
        assertThat(PodPrinter.status(pod(String.format(base, "Failed", "{'exitCode':143,'signal':15}")))).isEqualTo("Signal:15");
    }

    @Test
    void crashLoopShowsRestartsWithTheAgeOfTheLastRestart() {
        JsonNode p = pod("{'metadata':{'name':'crash','creationTimestamp':'2026-03-01T10:00:00Z'}," + ONE_CONTAINER
                + ",'status':{'phase':'Running','containerStatuses':[{'name':'app','ready':false,'restartCount':5,"
                + "'lastState':{'terminated':{'exitCode':1,'reason':'Error','finishedAt':'2026-03-01T11:57:30Z'}},"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff','message':'back-off 2m40s'}}}]}}");
        assertThat(row(p)).containsExactly("crash", "0/1", "CrashLoopBackOff", "5 (2m30s ago)", "120m");
    }

    @Test
    void restartsWithoutALastTerminationAreABareNumber() {
        JsonNode p = pod("{'metadata':{'name':'a'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Running',"
                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':2,'state':{'running':{}}}]}}");
        assertThat(row(p).get(3)).isEqualTo("2");
    }

    @Test
    void lowestIndexContainerWinsAndReadyCountsRunningReadyOnes() {
        JsonNode p = pod("{'metadata':{'name':'a'," + CREATED + "},'spec':{'containers':[{'name':'web'},{'name':'side'},{'name':'third'}]},"
                + "'status':{'phase':'Running','containerStatuses':["
                + "{'name':'web','ready':false,'restartCount':1,'state':{'waiting':{'reason':'ErrImagePull'}}},"
                + "{'name':'side','ready':true,'restartCount':2,'state':{'running':{}}},"
                + "{'name':'third','ready':false,'restartCount':0,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}");
        assertThat(row(p)).containsExactly("a", "1/3", "ErrImagePull", "3", "5m");
    }

    @Test
    void completedWithARunningContainerIsRunningOrNotReady() {
        String tmpl = "{'metadata':{'name':'a'," + CREATED + "},'spec':{'containers':[{'name':'web'},{'name':'job'}]},"
                + "'status':{'phase':'Running','conditions':[{'type':'Ready','status':'%s'}],'containerStatuses':["
                + "{'name':'web','ready':true,'restartCount':0,'state':{'running':{}}},"
                + "{'name':'job','ready':false,'restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}";
        assertThat(PodPrinter.status(pod(String.format(tmpl, "True")))).isEqualTo("Running");
        assertThat(PodPrinter.status(pod(String.format(tmpl, "False")))).isEqualTo("NotReady");
    }

    @Test
    void deletionTimestampMeansTerminatingUnlessTerminalOrNodeLost() {
        String tmpl = "{'metadata':{'name':'a'," + CREATED + ",'deletionTimestamp':'2026-03-01T11:59:00Z'}," + ONE_CONTAINER
                + ",'status':{'phase':'%s'%s,'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':%s}]}}";
        assertThat(PodPrinter.status(pod(String.format(tmpl, "Running", "", "{'running':{}}")))).isEqualTo("Terminating");
        assertThat(PodPrinter.status(pod(String.format(tmpl, "Succeeded", "", "{'terminated':{'exitCode':0,'reason':'Completed'}}"))))
                .isEqualTo("Completed");
        assertThat(PodPrinter.status(pod(String.format(tmpl, "Running", ",'reason':'NodeLost'", "{'running':{}}")))).isEqualTo("Unknown");
    }

    @Test
    void statusReasonAndSchedulingGateOverrideThePhase() {
        assertThat(PodPrinter.status(pod("{'metadata':{'name':'a'}," + ONE_CONTAINER
                + ",'status':{'phase':'Failed','reason':'DeadlineExceeded'}}"))).isEqualTo("DeadlineExceeded");
        assertThat(PodPrinter.status(pod("{'metadata':{'name':'a'}," + ONE_CONTAINER + ",'status':{'phase':'Pending',"
                + "'conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}}"))).isEqualTo("SchedulingGated");
    }

    @Test
    void startedSidecarsCountTowardReadyAndRestarts() {
        JsonNode p = pod("{'metadata':{'name':'a'," + CREATED + "},'spec':{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],"
                + "'containers':[{'name':'app'}]},'status':{'phase':'Running','conditions':[{'type':'Initialized','status':'True'}],"
                + "'initContainerStatuses':[{'name':'proxy','ready':true,'started':true,'restartCount':1,'state':{'running':{}}}],"
                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':{'running':{}}}]}}");
        assertThat(row(p)).containsExactly("a", "2/2", "Running", "1", "5m");
    }

    @Test
    void missingCreationTimestampIsUnknownAge() {
        assertThat(row(pod("{'metadata':{'name':'a'}," + ONE_CONTAINER + ",'status':{'phase':'Pending'}}")).get(4))
                .isEqualTo("<unknown>");
    }

    @Test
    void tableIsPaddedWithThreeSpacesLikeKubectl() {
        JsonNode a = pod("{'metadata':{'name':'demo'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Running',"
                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':{'running':{}}}]}}");
        JsonNode b = pod("{'metadata':{'name':'a-much-longer-name','creationTimestamp':'2026-02-27T12:00:00Z'}," + ONE_CONTAINER
                + ",'status':{'phase':'Pending','containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                + "'state':{'waiting':{'reason':'ContainerCreating'}}}]}}");
        assertThat(PodPrinter.table(List.of(a, b), NOW, false)).isEqualTo(
                "NAME                 READY   STATUS              RESTARTS   AGE\n"
                        + "demo                 1/1     Running             0          5m\n"
                        + "a-much-longer-name   0/1     ContainerCreating   0          2d\n");
    }

    @Test
    void wideAddsIpNodeNominatedNodeAndReadinessGates() {
        JsonNode a = pod("{'metadata':{'name':'demo'," + CREATED + "},'spec':{'nodeName':'host1','containers':[{'name':'app'}],"
                + "'readinessGates':[{'conditionType':'example.com/gate'},{'conditionType':'other'}]},"
                + "'status':{'phase':'Running','podIP':'10.88.0.5','conditions':[{'type':'example.com/gate','status':'True'}],"
                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':{'running':{}}}]}}");
        JsonNode b = pod("{'metadata':{'name':'b'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Pending'}}");
        assertThat(PodPrinter.table(List.of(a, b), NOW, true)).isEqualTo(
                "NAME   READY   STATUS    RESTARTS   AGE   IP          NODE     NOMINATED NODE   READINESS GATES\n"
                        + "demo   1/1     Running   0          5m    10.88.0.5   host1    <none>           1/2\n"
                        + "b      0/1     Pending   0          5m    <none>      <none>   <none>           <none>\n");
    }

    @Test
    void wideTakesTheFirstOfPodIPs() {
        JsonNode p = pod("{'metadata':{'name':'a'," + CREATED + "}," + ONE_CONTAINER + ",'status':{'phase':'Running',"
                + "'podIP':'10.0.0.9','podIPs':[{'ip':'10.0.0.1'},{'ip':'fd00::1'}]}}");
        assertThat(PodPrinter.row(p, NOW, true).get(5)).isEqualTo("10.0.0.1");
    }
}
