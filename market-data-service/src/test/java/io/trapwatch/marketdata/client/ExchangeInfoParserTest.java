package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapwatch.marketdata.domain.BinanceMarket;
import io.trapwatch.marketdata.domain.ListedInstrument;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.support.BinanceStub;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeInfoParserTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ExchangeInfoParser parser = new ExchangeInfoParser(mapper);

    @Test
    void spotKeepsTradingUsdtPairsOfTheRecordedAnswer() {
        // The recorded 2024-09-08 answer lists 71 TRADING pairs: 55 quoted in USDT, 10 BTC, 3 FDUSD, 2 EUR, 1 ETH.
        List<ListedInstrument> listed = parser.tradableUsdtInstruments(BinanceMarket.SPOT,
                BinanceStub.resource("/binance/spot/exchangeInfo.json"));
        assertThat(listed).hasSize(55);
        assertThat(listed).allMatch(i -> i.quoteAsset().equals("USDT"));
        assertThat(listed).extracting(ListedInstrument::symbol).contains("BTCUSDT", "ETHUSDT").doesNotContain("ETHBTC");
        assertThat(listed.get(0)).isEqualTo(new ListedInstrument("BTCUSDT", "BTC", "USDT"));
    }

    @Test
    void futuresKeepsOnlyTradingUsdtPerpetuals() throws Exception {
        // The recorded answer has 74 TRADING USDT perpetuals; three entries are altered, one per rule.
        ObjectNode root = (ObjectNode) mapper.readTree(BinanceStub.resource("/binance/futures/exchangeInfo.json"));
        ArrayNode symbols = (ArrayNode) root.get("symbols");
        assertThat(parser.tradableUsdtInstruments(BinanceMarket.FUTURES, root.toString())).hasSize(74);
        ((ObjectNode) symbols.get(1)).put("status", "SETTLING");
        ((ObjectNode) symbols.get(2)).put("contractType", "CURRENT_QUARTER");
        ((ObjectNode) symbols.get(3)).put("quoteAsset", "BUSD");
        List<ListedInstrument> listed = parser.tradableUsdtInstruments(BinanceMarket.FUTURES, root.toString());
        assertThat(listed).hasSize(71);
        assertThat(listed).extracting(ListedInstrument::symbol).doesNotContain(
                symbols.get(1).get("symbol").asText(), symbols.get(2).get("symbol").asText(), symbols.get(3).get("symbol").asText());
    }

    @Test
    void malformedAnswersAreRejectedWhole() {
        assertThatThrownBy(() -> parser.tradableUsdtInstruments(BinanceMarket.SPOT, "{\"symbols\": [{\"symbol\": \"BTCUSDT\""))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.tradableUsdtInstruments(BinanceMarket.SPOT, "{\"timezone\": \"UTC\"}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no symbols array");
        assertThatThrownBy(() -> parser.tradableUsdtInstruments(BinanceMarket.FUTURES,
                "{\"symbols\": [{\"symbol\": \"BTCUSDT\", \"status\": \"TRADING\", \"baseAsset\": \"BTC\", \"quoteAsset\": \"USDT\"}]}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("symbols[0] has no contractType");
    }
}
