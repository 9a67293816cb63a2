import { benchHostile } from './hostile-bench'
console.log(benchHostile().lines.join('\n'))
