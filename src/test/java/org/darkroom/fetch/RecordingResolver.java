package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver with a fixed table and a record of every name asked; it never touches DNS. */
final class RecordingResolver implements HostResolver {
    private final Map<String, List<InetAddress>> table;
    final List<String> asked = new CopyOnWriteArrayList<>();

    RecordingResolver(Map<String, String> names) {
        this.table = names.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(literal(e.getValue()))));
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        asked.add(host);
        List<InetAddress> found = table.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    }

    static InetAddress literal(String address) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
