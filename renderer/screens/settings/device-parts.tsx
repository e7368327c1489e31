/**
 * The parts the Settings → Devices panels share (issue 14): how a panel runs an action (busy
 * while it runs, its failure said once in the section's banner, the new view shown), the panel
 * frame with its heading, the "last push" status line, and a secret's field.
 *
 * Why: pairing by hand, the paired clock, Find my clocks and the Indicator app each repeated the
 * same busy/error handling and status markup.
 */
import type { FormEvent, ReactNode } from 'react';
import type { DevicesView, LastPush } from '../../../preload/contract';
import { TextField } from '../../components/AddForm';
import { lastPushText } from './last-push-text';

/** What a Devices panel may do; one instance per section, so one action runs at a time. */
export interface DeviceActions {
  /** An action is under way: every button waits. */
  busy: boolean;
  /** Run `fn`; its failure goes to the section's banner and gives undefined. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  /** Run an action that answers the new Devices view and show it; true when it succeeded. */
  apply(fn: () => Promise<DevicesView>): Promise<boolean>;
}

/** Props of {@link DevicePanel}. */
export interface DevicePanelProps {
  /** Heading id; the panel is labelled by it. */
  id: string;
  title: string;
  /** When given, the panel is a form. */
  onSubmit?(e: FormEvent): void;
  className?: string;
  children: ReactNode;
}

/** A titled part of the Devices section (a form when it submits). */
export function DevicePanel({ id, title, onSubmit, className, children }: DevicePanelProps) {
  const cls = `devices-panel${className ? ` ${className}` : ''}`;
  const heading = (
    <h3 id={id} className="section-title">
      {title}
    </h3>
  );
  return onSubmit ? (
    <form className={cls} onSubmit={onSubmit} aria-labelledby={id}>
      {heading}
      {children}
    </form>
  ) : (
    <div className={cls} role="group" aria-labelledby={id}>
      {heading}
      {children}
    </div>
  );
}

/** "Last push at … (over HTTPS)." as a status line, marked when the push failed. */
export function PushStatus({ last, target = 'clock', testId }: { last: LastPush | null; target?: 'clock' | 'cloud'; testId: string }) {
  return (
    <p role="status" className={`devices-status${last && !last.ok ? ' failed' : ''}`} data-testid={testId}>
      {lastPushText(last, target)}
    </p>
  );
}

/**
 * A secret's field (client secret, access token): never shown back; once saved it says so and
 * may be left empty to keep the saved one.
 */
export function SecretField({ id, label, value, onChange, saved }: { id: string; label: string; value: string; onChange(value: string): void; saved: boolean }) {
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      value={value}
      onChange={onChange}
      autoComplete="off"
      placeholder={saved ? 'Saved in your keychain' : ''}
      required={!saved}
    />
  );
}
