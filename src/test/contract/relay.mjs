// A TCP relay in front of PostgreSQL, so the walk can take the database away from the service.
//   node relay.mjs <listenPort> <targetHost> <targetPort>
// SIGUSR2 cuts every relayed connection and stops listening (new connections are refused), which is
// what the service sees when its database becomes unreachable; SIGTERM does the same and exits.
import net from 'node:net';

const [listenPort, targetHost, targetPort] = process.argv.slice(2);
const sockets = new Set();

const server = net.createServer(client => {
    const upstream = net.connect(Number(targetPort), targetHost);
    for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
});

function cut() {
    server.close();
    for (const s of sockets) s.destroy();
    console.log('relay: closed');
}

server.listen(Number(listenPort), '127.0.0.1', () => console.log(`relay: 127.0.0.1:${listenPort} -> ${targetHost}:${targetPort}`));
process.on('SIGUSR2', cut);
process.on('SIGTERM', () => { cut(); process.exit(0); });
process.on('SIGINT', () => { cut(); process.exit(0); });
