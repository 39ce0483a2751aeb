package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.marketdata.domain.BinanceMarket;
import io.trapwatch.marketdata.domain.ListedInstrument;
import io.trapwatch.marketdata.domain.MalformedResponseException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an exchangeInfo answer and keeps the TrapWatch universe (D11): spot = status TRADING and
 * quote USDT; futures = contract type PERPETUAL, quote USDT, status TRADING. Any structural problem
 * makes the whole answer unusable, so a half-read answer can never shrink the universe.
 */
public final class ExchangeInfoParser {

    private final ObjectMapper mapper;

    public ExchangeInfoParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<ListedInstrument> tradableUsdtInstruments(BinanceMarket market, String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(market + " exchangeInfo is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode symbols = root == null ? null : root.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw new MalformedResponseException(market + " exchangeInfo has no symbols array");
        }
        List<ListedInstrument> listed = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            JsonNode entry = symbols.get(i);
            String symbol = requiredText(market, entry, i, "symbol");
            String status = requiredText(market, entry, i, "status");
            String base = requiredText(market, entry, i, "baseAsset");
            String quote = requiredText(market, entry, i, "quoteAsset");
            boolean inUniverse = "TRADING".equals(status) && "USDT".equals(quote)
                    && (market == BinanceMarket.SPOT || "PERPETUAL".equals(requiredText(market, entry, i, "contractType")));
            if (inUniverse) {
                listed.add(new ListedInstrument(symbol, base, quote));
            }
        }
        return listed;
    }

    private static String requiredText(BinanceMarket market, JsonNode entry, int index, String field) {
        JsonNode node = entry == null ? null : entry.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new MalformedResponseException(market + " exchangeInfo symbols[" + index + "] has no " + field);
        }
        return node.textValue();
    }
}
