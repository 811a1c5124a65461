/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the lesson page so MDX components know which lesson they are in. */
    lesson?: import('./data/lesson-context.ts').LessonContext;
  }
}
