/**
 * A typed event bus from services to whichever host is attached.
 *
 * Payloads are checked against the contract's schemas before they leave main,
 * so a service bug cannot push malformed data (or a secret-bearing object) to
 * the renderer unnoticed.
 */
import { events, type EventName, type EventPayload } from '../preload/contract';

/** A listener the host registers to forward events to its renderer(s). */
export type EventSink = (event: EventName, payload: unknown) => void;

/** Emit contract events to the attached sinks. */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  /** Attach a sink; returns the detach function. */
  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /**
   * Validate and deliver an event.
   *
   * @throws ZodError when the payload does not match the contract.
   */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }
}
