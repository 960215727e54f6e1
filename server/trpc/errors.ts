/** An error about particular form fields: the error shape carries them to the form. */
export class FieldErrors extends Error {
  constructor(message: string, readonly fieldErrors: Record<string, string[]>) {
    super(message)
    this.name = 'FieldErrors'
  }
}
