// Fuzzing, part 1 of 2 (see ./fuzz.ts).
import { fuzzSuite } from './fuzz';

fuzzSuite(0, 2);
