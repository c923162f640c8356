import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';

/** The start panel's choice to record, ticked when the last interview was recorded. */
export function useRecordChoice(): [boolean, (record: boolean) => void] {
  const defaults = useQuery({ queryKey: voiceKeys.defaults(), queryFn: () => call('voice.defaults', {}) });
  const [record, setRecord] = useState<boolean | null>(null);
  useEffect(() => {
    if (record === null && defaults.data) setRecord(defaults.data.recordByDefault);
  }, [defaults.data, record]);
  return [record ?? false, setRecord];
}

/** Saves the choice for the interview just started (and as the next default). */
export async function planRecording(sessionId: string, record: boolean): Promise<void> {
  await call('voice.plan', { sessionId, record });
}

export function RecordOption({ record, onChange }: { record: boolean; onChange: (record: boolean) => void }) {
  return (
    <label className="row" style={{ gap: 8 }} title="The audio stays on this computer, in your data file">
      <input
        type="checkbox"
        checked={record}
        onChange={(e) => onChange(e.target.checked)}
        data-testid="record-voice"
      />
      Record my voice (to play back with the whiteboard)
    </label>
  );
}
