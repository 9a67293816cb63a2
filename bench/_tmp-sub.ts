import { benchSubscribeTiming } from './subscribe-timing-bench'
console.log((await benchSubscribeTiming()).join('\n'))
