package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodDescriberTest {
    static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

    static final String DEMO = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'demo','namespace':'default','uid':'u1',"
            + "'creationTimestamp':'2026-11-23T06:46:27Z','labels':{'tier':'web','app':'demo'},"
            + "'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'}},"
            + "'spec':{'nodeName':'host1','serviceAccountName':'default','priority':0,"
            + "'containers':[{'name':'app','image':'busybox','command':['sleep','3600'],"
            + "'ports':[{'containerPort':8080,'protocol':'TCP'}],'env':[{'name':'MODE','value':'prod'}],"
            + "'resources':{'limits':{'memory':'64Mi'}},"
            + "'volumeMounts':[{'name':'shared','mountPath':'/data','readOnly':true}]}],"
            + "'volumes':[{'name':'shared','emptyDir':{}}]},"
            + "'status':{'phase':'Running','hostIP':'10.0.0.5','podIP':'10.88.0.2','podIPs':[{'ip':'10.88.0.2'}],"
            + "'startTime':'2026-11-23T06:46:28Z','qosClass':'Burstable',"
            + "'conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'},"
            + "{'type':'ContainersReady','status':'True'},{'type':'PodScheduled','status':'True'}],"
            + "'containerStatuses':[{'name':'app','containerID':'minipod://abc','image':'busybox','imageID':'sha256:1234',"
            + "'ready':true,'restartCount':1,'state':{'running':{'startedAt':'2026-11-23T06:46:40Z'}},"
            + "'lastState':{'terminated':{'exitCode':137,'reason':'Error','startedAt':'2026-11-23T06:46:29Z',"
            + "'finishedAt':'2026-11-23T06:46:39Z'}}}]}}";

    static final String DESCRIBED_HEAD = ""
            + "Name:             demo\n"
            + "Namespace:        default\n"
            + "Priority:         0\n"
            + "Service Account:  default\n"
            + "Node:             host1/10.0.0.5\n"
            + "Start Time:       Mon, 23 Nov 2026 06:46:28 +0000\n"
            + "Labels:           app=demo\n"
            + "                  tier=web\n"
            + "Annotations:      <none>\n"
            + "Status:           Running\n"
            + "IP:               10.88.0.2\n"
            + "IPs:\n"
            + "  IP:  10.88.0.2\n"
            + "Containers:\n"
            + "  app:\n"
            + "    Container ID:  minipod://abc\n"
            + "    Image:         busybox\n"
            + "    Image ID:      sha256:1234\n"
            + "    Port:          8080/TCP\n"
            + "    Host Port:     0/TCP\n"
            + "    Command:\n"
            + "      sleep\n"
            + "      3600\n"
            + "    State:          Running\n"
            + "      Started:      Mon, 23 Nov 2026 06:46:40 +0000\n"
            + "    Last State:     Terminated\n"
            + "      Reason:       Error\n"
            + "      Exit Code:    137\n"
            + "      Started:      Mon, 23 Nov 2026 06:46:29 +0000\n"
            + "      Finished:     Mon, 23 Nov 2026 06:46:39 +0000\n"
            + "    Ready:          True\n"
            + "    Restart Count:  1\n"
            + "    Limits:\n"
            + "      memory:  64Mi\n"
            + "    Environment:\n"
            + "      MODE:  prod\n"
            + "    Mounts:\n"
            + "      /data from shared (ro)\n"
            + "Conditions:\n"
            + "  Type              Status\n"
            + "  Initialized       True \n"
            + "  Ready             True \n"
            + "  ContainersReady   True \n"
            + "  PodScheduled      True \n"
            + "Volumes:\n"
            + "  shared:\n";

    static JsonNode pod(String json) { return PodPrinterTest.pod(json); }

    @Test
    void runningPodWithoutEventsAlignsEventsWithTheTailBlock() {
        String text = PodDescriber.describe(pod(DEMO), List.of(), NOW, ZoneOffset.UTC);
        assertThat(text).isEqualTo(DESCRIBED_HEAD
                + "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)\n"
                + "    Medium:      \n"
                + "    SizeLimit:   <unset>\n"
                + "QoS Class:       Burstable\n"
                + "Node-Selectors:  <none>\n"
                + "Tolerations:     <none>\n"
                + "Events:          <none>\n");
    }

    @Test
    void eventsTableIsAlignedOnItsOwnWithRepeatCounts() {
        List<JsonNode> events = List.of(
                pod("{'type':'Warning','reason':'BackOff','message':'Back-off restarting failed container app in pod demo_default(u1)',"
                        + "'count':5,'firstTimestamp':'2026-11-23T06:50:00Z','lastTimestamp':'2026-11-23T06:59:30Z',"
                        + "'source':{'component':'kubelet','host':'host1'},'involvedObject':{'kind':'Pod','name':'demo','uid':'u1'}}"),
                pod("{'type':'Normal','reason':'Pulled','message':'Container image \\\"busybox\\\" already present on machine  ',"
                        + "'count':1,'firstTimestamp':'2026-11-23T06:55:00Z','lastTimestamp':'2026-11-23T06:55:00Z',"
                        + "'source':{'component':'kubelet'},'involvedObject':{'kind':'Pod','name':'demo','uid':'u1'}}"),
                pod("{'type':'Normal','reason':'Started','message':'old pod with the same name','count':1,"
                        + "'firstTimestamp':'2026-11-23T06:00:00Z','lastTimestamp':'2026-11-23T06:00:00Z',"
                        + "'source':{'component':'kubelet'},'involvedObject':{'kind':'Pod','name':'demo','uid':'u0'}}"));
        String text = PodDescriber.describe(pod(DEMO), events, NOW, ZoneOffset.UTC);
        assertThat(text).endsWith(""
                + "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)\n"
                + "    Medium:      \n"
                + "    SizeLimit:   <unset>\n"
                + "QoS Class:       Burstable\n"
                + "Node-Selectors:  <none>\n"
                + "Tolerations:     <none>\n"
                + "Events:\n"
                + "  Type     Reason   Age                From     Message\n"
                + "  ----     ------   ----               ----     -------\n"
                + "  Normal   Pulled   5m                 kubelet  Container image \"busybox\" already present on machine\n"
                + "  Warning  BackOff  30s (x5 over 10m)  kubelet  Back-off restarting failed container app in pod demo_default(u1)\n");
    }

    @Test
    void pendingPodWithInitContainersWaitingStatesAndNoNode() {
        JsonNode p = pod("{'metadata':{'name':'init','namespace':'ns1','annotations':{'note':'x'}},"
                + "'spec':{'initContainers':[{'name':'setup','image':'busybox','args':['a','b']}],"
                + "'containers':[{'name':'app','image':'nginx','ports':[{'containerPort':80},{'containerPort':53,'protocol':'UDP','hostPort':53}]}],"
                + "'tolerations':[{'operator':'Exists'},{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}],"
                + "'nodeSelector':{'disk':'ssd'}},"
                + "'status':{'phase':'Pending','initContainerStatuses':[{'name':'setup','ready':false,'restartCount':0,"
                + "'state':{'waiting':{'reason':'PodInitializing'}}}],"
                + "'containerStatuses':[{'name':'app','ready':false,'restartCount':0,'state':{'waiting':{}}}]}}");
        assertThat(PodDescriber.describe(p, List.of(), NOW, ZoneOffset.UTC)).isEqualTo(""
                + "Name:         init\n"
                + "Namespace:    ns1\n"
                + "Node:         <none>\n"
                + "Labels:       <none>\n"
                + "Annotations:  note: x\n"
                + "Status:       Pending\n"
                + "IP:           \n"
                + "IPs:          <none>\n"
                + "Init Containers:\n"
                + "  setup:\n"
                + "    Container ID:  \n"
                + "    Image:         busybox\n"
                + "    Image ID:      \n"
                + "    Port:          <none>\n"
                + "    Host Port:     <none>\n"
                + "    Args:\n"
                + "      a\n"
                + "      b\n"
                + "    State:          Waiting\n"
                + "      Reason:       PodInitializing\n"
                + "    Ready:          False\n"
                + "    Restart Count:  0\n"
                + "    Environment:    <none>\n"
                + "    Mounts:         <none>\n"
                + "Containers:\n"
                + "  app:\n"
                + "    Container ID:   \n"
                + "    Image:          nginx\n"
                + "    Image ID:       \n"
                + "    Ports:          80/TCP, 53/UDP\n"
                + "    Host Ports:     0/TCP, 53/UDP\n"
                + "    State:          Waiting\n"
                + "    Ready:          False\n"
                + "    Restart Count:  0\n"
                + "    Environment:    <none>\n"
                + "    Mounts:         <none>\n"
                + "Volumes:            <none>\n"
                + "QoS Class:          BestEffort\n"
                + "Node-Selectors:     disk=ssd\n"
                + "Tolerations:        op=Exists\n"
                + "                    node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
                + "Events:             <none>\n");
    }

    @Test
    void terminatingPodShowsHowLongItHasBeenTerminating() {
        JsonNode p = pod("{'metadata':{'name':'t','namespace':'default','deletionTimestamp':'2026-11-23T06:59:45Z',"
                + "'deletionGracePeriodSeconds':30},'spec':{'containers':[]},'status':{'phase':'Running'}}");
        assertThat(PodDescriber.describe(p, List.of(), NOW, ZoneOffset.UTC))
                .contains("Status:                    Terminating (lasts 15s)\nTermination Grace Period:  30s\n")
                .contains("Containers: <none>\n");
    }

    @Test
    void probesEnvSourcesAndLongAnnotations() {
        String longValue = "v".repeat(150);
        JsonNode p = pod("{'metadata':{'name':'p','namespace':'default','annotations':{'long':'" + longValue + "','multi':'a\\nb\\n'}},"
                + "'spec':{'containers':[{'name':'c','image':'i',"
                + "'livenessProbe':{'httpGet':{'path':'/healthz','port':8080},'periodSeconds':5},"
                + "'readinessProbe':{'exec':{'command':['cat','/tmp/ready']}},"
                + "'startupProbe':{'tcpSocket':{'port':80},'failureThreshold':30},"
                + "'env':[{'name':'POD','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},"
                + "{'name':'PW','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}]}]},'status':{}}");
        String text = PodDescriber.describe(p, List.of(), NOW, ZoneOffset.UTC);
        assertThat(text).contains("Annotations:  long:\n                " + "v".repeat(138) + "...\n              multi:\n                a\n                b\n");
        // the probe lines share a block with Image..Host Port; the env lines one with everything down to Events
        assertThat(text).contains("    Liveness:   http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3\n"
                + "    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=3\n"
                + "    Startup:    tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=30\n"
                + "    Environment:\n"
                + "      POD:       p (v1:metadata.name)\n"
                + "      PW:        <set to the key 'k' in secret 's'>  Optional: false\n"
                + "    Mounts:      <none>\n");
    }
}
