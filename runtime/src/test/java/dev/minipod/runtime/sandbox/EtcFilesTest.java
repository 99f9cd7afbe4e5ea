package dev.minipod.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcFilesTest {
    static final String HEADER = "# Kubernetes-managed hosts file.\n"
            + "127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\n"
            + "fe00::0\tip6-mcastprefix\n"
            + "fe00::1\tip6-allnodes\n"
            + "fe00::2\tip6-allrouters\n";

    @Test
    void hostsWithPodIpInTheKubeletFormat() {
        assertThat(EtcFiles.hosts("web-0", "10.244.0.7", List.of())).isEqualTo(HEADER + "10.244.0.7\tweb-0\n");
    }

    @Test
    void aSubdomainGivesTheFqdnLineFirstLikeTheKubelet() {
        assertThat(EtcFiles.hosts("www", "front", "shop", "10.86.0.4", List.of()))
                .isEqualTo(HEADER + "10.86.0.4\twww.front.shop.svc.cluster.local\twww\n");
    }

    @Test
    void hostsWithoutPodNetworkMapsTheHostnameTo127_0_1_1() {
        assertThat(EtcFiles.hosts("web-0", null, List.of())).isEqualTo(HEADER + "127.0.1.1\tweb-0\n");
    }

    @Test
    void hostAliasesAreAppendedAfterABlankLineAndTheirComment() {
        String hosts = EtcFiles.hosts("web-0", "10.244.0.7",
                List.of("127.0.0.1\tfoo.local\tbar.local", "10.1.2.3\tfoo.remote"));
        assertThat(hosts).isEqualTo(HEADER
                + "10.244.0.7\tweb-0\n"
                + "\n"
                + "# Entries added by HostAliases.\n"
                + "127.0.0.1\tfoo.local\tbar.local\n"
                + "10.1.2.3\tfoo.remote\n");
    }

    @Test
    void everyLineEndsWithANewline() {
        String hosts = EtcFiles.hosts("h", null, List.of("1.2.3.4\ta"));
        assertThat(hosts).endsWith("\n").doesNotContain("\r");
        assertThat(hosts.split("\n", -1)).hasSize(12).endsWith("");
    }

    @Test
    void hostnameFileIsTheNameAndANewline() {
        assertThat(EtcFiles.hostname("web-0")).isEqualTo("web-0\n");
    }
}
