// One way to find a free loopback port, shared with the topology script.
export { freePort } from '../../scripts/topology/ports.js';
