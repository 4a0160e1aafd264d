import type { GeneratedValidators } from '@platform/libs/contract';

declare const validators: GeneratedValidators;
export = validators;
