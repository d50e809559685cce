import type { Context } from 'aws-lambda';
import { fakeContext } from './fake-context';

/** Any Lambda handler: a middy-wrapped `main` or a plain async function. */
type AnyHandler<TResult> = (event: never, context: Context) => Promise<TResult> | TResult;

/**
 * Invokes a handler the way the Lambda runtime does: with a raw event of unknown shape (a fixture, a
 * deliberately broken event) and a context (`fakeContext()` by default). middy types `main` with the parsed
 * event type; the runtime hands it the unparsed one, and so does this helper.
 *
 * @example
 * ```ts
 * const result = await invokeHandler(main, loadJson(path.join(__dirname, '../events/sqs/two-jobs.json')));
 * await expect(invokeHandler(main, { nonsense: true })).rejects.toBeInstanceOf(InvalidInputError);
 * ```
 */
export async function invokeHandler<TResult>(
  handler: AnyHandler<TResult>,
  event: unknown,
  context: Context = fakeContext()
): Promise<TResult> {
  // The one widening cast: at runtime the event is exactly this unknown value; the handler's parser checks it.
  const runtimeView = handler as unknown as (event: unknown, context: Context) => Promise<TResult> | TResult;
  return runtimeView(event, context);
}
