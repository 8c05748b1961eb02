package io.inflow.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void decodesPercentEscapesAndPlusAsSpace() {
        QueryParams query = QueryParams.parse("fields%5B%5D=Last+Modified&filterByFormula=IS_AFTER(%7BLast%20Modified%7D%2C%27x%27)");

        assertThat(query.first("fields[]")).contains("Last Modified");
        assertThat(query.first("filterByFormula")).contains("IS_AFTER({Last Modified},'x')");
    }

    @Test
    void keepsRepeatedNamesInOrder() {
        QueryParams query = QueryParams.parse("fields[]=b&pageSize=5&fields[]=a");

        assertThat(query.all("fields[]")).containsExactly("b", "a");
        assertThat(query.asMap()).isEqualTo(Map.of("fields[]", List.of("b", "a"), "pageSize", "5"));
    }

    @Test
    void keepsAMalformedEscapeAsSent() {
        assertThat(QueryParams.parse("offset=100%").first("offset")).contains("100%");
        assertThat(QueryParams.parse("name=%E2%82%AC").first("name")).contains("€");
    }

    @Test
    void pathSegmentsKeepTheirPlusSigns() {
        assertThat(QueryParams.decode("a+b%20c", false)).isEqualTo("a+b c");
    }
}
