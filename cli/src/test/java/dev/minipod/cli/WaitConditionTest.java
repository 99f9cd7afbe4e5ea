package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitConditionTest {
    static final JsonNode READY = PodPrinterTest.pod("{'metadata':{'name':'demo'},'spec':{'containers':[{'name':'app'},{'name':'side'}]},"
            + "'status':{'phase':'Running','conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}],"
            + "'containerStatuses':[{'name':'app','restartCount':2,'ready':true},{'name':'side','restartCount':0,'ready':false}]}}");
    static final JsonNode PENDING = PodPrinterTest.pod("{'metadata':{'name':'demo'},'status':{'phase':'Pending',"
            + "'conditions':[{'type':'Ready','status':'False'}]}}");

    @Test
    void conditionDefaultsToTrueAndComparesCaseInsensitively() {
        assertThat(WaitCondition.parse("condition=Ready").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("condition=ready=TRUE").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("condition=Ready").isMet(PENDING)).isFalse();
        assertThat(WaitCondition.parse("condition=Ready=false").isMet(PENDING)).isTrue();
        assertThat(WaitCondition.parse("condition=PodScheduled").isMet(READY)).as("absent condition").isFalse();
        assertThat(WaitCondition.parse("condition=Ready").isMet(PodPrinterTest.pod("{'metadata':{'name':'x'}}"))).isFalse();
    }

    @Test
    void aConditionOfAnOlderGenerationDoesNotCount() {
        JsonNode stale = PodPrinterTest.pod("{'metadata':{'generation':3},'status':{'conditions':[{'type':'Ready','status':'True','observedGeneration':2}]}}");
        assertThat(WaitCondition.parse("condition=Ready").isMet(stale)).isFalse();
        JsonNode current = PodPrinterTest.pod("{'metadata':{'generation':3},'status':{'conditions':[{'type':'Ready','status':'True','observedGeneration':3}]}}");
        assertThat(WaitCondition.parse("condition=Ready").isMet(current)).isTrue();
    }

    @Test
    void jsonpathComparesTheSingleScalarAsText() {
        assertThat(WaitCondition.parse("jsonpath={.status.phase}=Running").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath=.status.phase=Running").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath={.status.phase}='Running'").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath={.status.phase}=Running").isMet(PENDING)).isFalse();
        assertThat(WaitCondition.parse("jsonpath={.status.containerStatuses[0].restartCount}=2").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath={.status.containerStatuses[-1].ready}=false").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True").isMet(READY)).isTrue();
        assertThat(WaitCondition.parse("jsonpath={.status.conditions[?(@.type=='Ready')].status}=True").isMet(PENDING)).isFalse();
        assertThat(WaitCondition.parse("jsonpath={.status.podIP}").isMet(READY)).as("missing key: not yet").isFalse();
        assertThat(WaitCondition.parse("jsonpath={.status.phase}").isMet(PENDING)).as("any value").isTrue();
    }

    @Test
    void jsonpathErrorsAreKubectls() {
        assertThatThrownBy(() -> WaitCondition.parse("jsonpath={.status.containerStatuses[*].ready}=true").isMet(READY))
                .hasMessage("error: given jsonpath expression matches more than one value");
        assertThatThrownBy(() -> WaitCondition.parse("jsonpath={.status}=x").isMet(READY))
                .hasMessage("error: jsonpath leads to a nested object or list which is not supported");
        assertThatThrownBy(() -> WaitCondition.parse("jsonpath={.status.phase}="))
                .hasMessage("error: jsonpath wait value cannot be empty");
        assertThatThrownBy(() -> WaitCondition.parse("jsonpath={.status.phase}=a=b"))
                .hasMessageStartingWith("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or");
        assertThatThrownBy(() -> WaitCondition.parse("Ready")).hasMessage("error: unrecognized condition: \"Ready\"");
        assertThatThrownBy(() -> WaitCondition.parse("")).hasMessage("error: unrecognized condition: \"\"");
    }

    @Test
    void deleteIsCaseInsensitive() {
        assertThat(WaitCondition.parse("Delete").kind).isEqualTo(WaitCondition.Kind.DELETE);
    }
}
