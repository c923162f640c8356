/**
 * The audio formats a recording may be in, apart from the voice API's schemas: the recorder in the
 * interview screen needs only these, and importing them from voice.ts would bring zod (~90 KB)
 * onto the path to opening an interview.
 */
export const AUDIO_MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus'] as const;
