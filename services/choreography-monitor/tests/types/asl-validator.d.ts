// asl-validator 4 ships no type declarations.
declare module 'asl-validator' {
  type ValidationResult = {
    isValid: boolean;
    errors: { 'Error code': string; Message: string }[];
    errorsText(separator?: string): string;
  };
  function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean }
  ): ValidationResult;
  export = validator;
}
