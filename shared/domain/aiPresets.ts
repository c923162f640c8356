/** The AI endpoint presets' base URLs (custom: whatever the user types). No zod: screens import this. */
export const AI_PRESET_URLS = {
  openai: 'https://api.openai.com/v1',
  ollama: 'http://localhost:11434/v1',
  lmstudio: 'http://localhost:1234/v1',
} as const;
