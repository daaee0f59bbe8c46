// Terminal habits shared by every command: colour decisions, progress on stderr, the program's name.
export * from './color.js';
export * from './progress.js';
export * from './program.js';
