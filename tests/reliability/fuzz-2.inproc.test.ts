// Fuzzing, part 2 of 2 (see ./fuzz.ts).
import { fuzzSuite } from './fuzz';

fuzzSuite(1, 2);
