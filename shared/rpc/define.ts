import type { z } from 'zod';

/** A procedure: its input and output schemas. Types are derived from them, never written twice. */
export type Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
};

export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Procedure<I, O> {
  return { input, output };
}

export type ContractShape = Record<string, Procedure>;
export type EventsShape = Record<string, z.ZodType>;

export type Input<C extends ContractShape, K extends keyof C> = z.input<C[K]['input']>;
export type Output<C extends ContractShape, K extends keyof C> = z.output<C[K]['output']>;
export type ParsedInput<C extends ContractShape, K extends keyof C> = z.output<C[K]['input']>;

/** The host implements every procedure: a missing one does not compile. */
export type Handlers<C extends ContractShape, Ctx> = {
  [K in keyof C]: (input: ParsedInput<C, K>, ctx: Ctx) => Output<C, K> | Promise<Output<C, K>>;
};
