/** The data file's name, kept apart so the shells can name it without loading SQLite. */
export const DB_FILE_NAME = 'tradeoff.db';
