import { describe, expect, it } from 'vitest';
import { asSentence } from './sentence';

describe('asSentence', () => {
  it('adds a full stop only where none ends the text', () => {
    expect(['no reply', 'the connection may be dead.', 'within 3 s.', 'really?', 'stop!', '  padded  '].map(asSentence))
      .toEqual(['no reply.', 'the connection may be dead.', 'within 3 s.', 'really?', 'stop!', 'padded.']);
  });
});
