package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTest {

    private static final String HEADER = "<https://ws-api.toasttab.com/orders/v2/ordersBulk?startDate=2025-03-01T00%3A00%3A00.000%2B0000"
            + "&endDate=2025-03-02T00%3A00%3A00.000%2B0000&pageSize=100>; rel=\"first\", "
            + "<https://ws-api.toasttab.com/orders/v2/ordersBulk?startDate=x&pageSize=100&page=2>; rel=\"self\", "
            + "<https://ws-api.toasttab.com/orders/v2/ordersBulk?startDate=x&pageSize=100&page=3>; rel=\"next\"";

    @Test
    void findsTheNextLinkAmongOthersInOneHeader() {
        assertThat(Links.find(List.of(HEADER), "next")).hasValueSatisfying(url -> assertThat(url).endsWith("page=3"));
        assertThat(Links.find(List.of(HEADER), "prev")).isEmpty();
    }

    @Test
    void findsItInAnyOfSeveralHeadersAndWithoutQuotes() {
        List<String> headers = List.of("<https://x/a?page=1>; rel=first", "<https://x/a?page=4>; rel=next");

        assertThat(Links.find(headers, "next")).contains("https://x/a?page=4");
    }

    @Test
    void readsThePageOfALink() {
        assertThat(Links.page("https://x/ordersBulk?pageSize=100&page=12")).hasValue(12);
        assertThat(Links.page("https://x/ordersBulk?pageSize=100")).isEmpty();
        assertThat(Links.page("https://x/ordersBulk?page=two")).isEmpty();
    }
}
