package org.shangdang.api.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AvailabilityLookup#placeFirst}: a terminal's own branch first, then its library's other copies, then the rest. */
class AvailabilityPlaceFirstTest {

    private static Copy copy(String barcode, String library, String branch, String servicePoint) {
        return new Copy("r", library, Optional.of(branch), Optional.empty(), Optional.of(barcode), "available",
                Optional.empty(), Optional.ofNullable(servicePoint), Optional.empty(), Optional.empty());
    }

    @Test
    void theTerminalsBranchComesFirstThenItsLibraryThenTheOtherLibraries() {
        // given copies of one work in two libraries, listed library by library
        List<Copy> copies = List.of(
                copy("w1", "武乡县图书馆", "总馆", null),
                copy("c1", "长治市图书馆", "总馆二楼中文借阅区", null),
                copy("w2", "武乡县图书馆", "悦读长治·八路军太行纪念馆书吧", null),
                copy("c2", "长治市图书馆", "总馆", "悦读长治·长治宾馆书吧"),
                copy("z1", "长子县图书馆", "总馆", null));

        // when a terminal in the 长治宾馆 book bar asks
        List<String> order = AvailabilityLookup.placeFirst(copies, "长治宾馆").stream()
                .map(c -> c.barcode().orElseThrow()).toList();

        // then the copy there, then the city library's other copy, then the rest in their order
        assertThat(order).containsExactly("c2", "c1", "w1", "w2", "z1");
    }

    @Test
    void aPlaceNoCopyIsAtKeepsTheOrder() {
        List<Copy> copies = List.of(copy("a", "长治市图书馆", "总馆", null), copy("b", "沁县图书馆", "总馆", null));

        assertThat(AvailabilityLookup.placeFirst(copies, "太行山大峡谷")).isEqualTo(copies);
    }
}
