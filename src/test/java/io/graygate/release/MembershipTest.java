package io.graygate.release;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Stage membership: whitelists win, quotas are exact, stable per release and monotone across stages. */
class MembershipTest {
    private final ReleaseConfig shipped = Releases.fresh();

    private ReleaseConfig withStages(String name, List<StageConfig> stages) {
        return new ReleaseConfig(shipped.file(), name, shipped.universe(), stages, shipped.catalogue(), shipped.minDayCoverage());
    }

    private StageConfig stage(StageConfig template, int number, int percent, List<String> symbols) {
        return new StageConfig(template.file(), template.name() + number, number, percent, symbols, template.observationDays(),
                template.hysteresis(), template.activeMode(), template.throttleInQuiet(), template.baseline(),
                template.requiredMetrics(), template.gate());
    }

    @Test
    void theShippedWhitelistsAreTakenAsWritten() {
        Membership membership = new Membership(shipped);

        assertThat(membership.members(1)).containsExactly("ETHUSDT");
        assertThat(membership.members(2)).containsExactlyInAnyOrder("ETHUSDT", "BTCUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
        assertThat(membership.members(3)).containsExactlyInAnyOrderElementsOf(shipped.universe());
    }

    @Test
    void percentageStagesTakeAnExactQuotaThatOnlyGrows() {
        StageConfig t = shipped.stages().get(0);
        List<String> all = shipped.universe();
        ReleaseConfig release = withStages("quota-release", List.of(stage(t, 1, 10, all), stage(t, 2, 50, all),
                stage(t, 3, 100, all)));
        Membership membership = new Membership(release);

        Set<String> ten = membership.members(1);
        Set<String> fifty = membership.members(2);

        assertThat(ten).hasSize(2);
        assertThat(fifty).hasSize(10).containsAll(ten);
        assertThat(membership.members(3)).hasSize(20).containsAll(fifty);
        assertThat(new Membership(release).members(2)).isEqualTo(fifty);
    }

    @Test
    void anotherReleaseDrawsAnotherSample() {
        StageConfig t = shipped.stages().get(0);
        List<String> all = shipped.universe();
        Set<String> a = new Membership(withStages("release-a", List.of(stage(t, 1, 50, all)))).members(1);
        Set<String> b = new Membership(withStages("release-b", List.of(stage(t, 1, 50, all)))).members(1);

        assertThat(a).hasSize(10);
        assertThat(b).hasSize(10).isNotEqualTo(a);
    }

    @Test
    void earlierWhitelistedMembersStayInAQuotaStage() {
        StageConfig t = shipped.stages().get(0);
        ReleaseConfig release = withStages("mixed", List.of(stage(t, 1, 10, List.of("APTUSDT")),
                stage(t, 2, 25, shipped.universe())));

        assertThat(new Membership(release).members(2)).hasSize(5).contains("APTUSDT");
    }
}
